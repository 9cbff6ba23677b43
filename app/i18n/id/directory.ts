import type { directory as en } from "../en/directory";
import type { Translation } from "../types";

export const directory: Translation<typeof en> = {
  title: "Orang",
};
