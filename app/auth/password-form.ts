import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "./password-policy";

/** A new password typed twice; shared by invitations, resets and the account page. */
export const newPasswordFields = {
  password: z.string().min(MIN_PASSWORD_LENGTH).max(200),
  confirmPassword: z.string().max(200),
};

export function passwordsMatch<T extends { password: string; confirmPassword: string }>(schema: z.ZodType<T>) {
  return schema.refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "auth:reset.mismatch",
  });
}
