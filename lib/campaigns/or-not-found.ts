import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";

/** For pages: a record that is missing or another organisation's renders the 404 page. */
export async function orNotFound<T>(lookup: Promise<T>): Promise<T> {
  try {
    return await lookup;
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}
