import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "~/auth/password-policy";

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

/** Choosing a new password from an e-mailed reset link. */
export const ResetPasswordSchema = passwordsMatch(z.object(newPasswordFields));

/** Changing one's password on the account page: the current one first. */
export const ChangePasswordSchema = passwordsMatch(
  z.object({ currentPassword: z.string().min(1).max(200), ...newPasswordFields }),
);
