import { z } from "zod";
import { email } from "./fields";

/** The sign-in form; `redirectTo` is checked again by safeRedirect before it is followed. */
export const SignInSchema = z.object({
  email: email(),
  password: z.string().min(1).max(1000),
  redirectTo: z.string().optional(),
});

/** Asking for a reset link. */
export const ForgotPasswordSchema = z.object({ email: email() });
