import type { account as en } from "../en/account";
import type { Translation } from "../types";

export const account: Translation<typeof en> = {
  title: "Akun saya",
};
