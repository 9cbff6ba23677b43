import type { workshops as en } from "../en/workshops";
import type { Translation } from "../types";

export const workshops: Translation<typeof en> = {
  title: "Lokakarya",
};
