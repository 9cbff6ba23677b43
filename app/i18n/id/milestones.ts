import type { milestones as en } from "../en/milestones";
import type { Translation } from "../types";

export const milestones: Translation<typeof en> = {
  title: "Tonggak capaian",
};
