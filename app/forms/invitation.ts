import { z } from "zod";
import { text } from "./fields";
import { newPasswordFields, passwordsMatch } from "./password";

/** Accepting an invitation to an account: one's name as colleagues will see it, and a password. */
export const AcceptInvitationSchema = passwordsMatch(z.object({ name: text(120), ...newPasswordFields }));
