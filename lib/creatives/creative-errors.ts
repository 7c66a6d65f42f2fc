import { AppError } from "@/lib/errors";

export const creativeNotFound = () => new AppError("not_found", "Creative not found.");
