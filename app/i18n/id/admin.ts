import type { admin as en } from "../en/admin";
import type { Translation } from "../types";

export const admin: Translation<typeof en> = {
  title: "Administrasi",
};
