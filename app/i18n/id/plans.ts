import type { plans as en } from "../en/plans";
import type { Translation } from "../types";

export const plans: Translation<typeof en> = {
  title: "Rencana aksi",
};
