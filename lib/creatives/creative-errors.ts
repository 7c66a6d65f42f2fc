import { ApiError } from "@/lib/api/errors";

export const creativeNotFound = () => new ApiError("not_found", "Creative not found.");
