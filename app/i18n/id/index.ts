import { account } from "./account";
import { activity } from "./activity";
import { admin } from "./admin";
import { auth } from "./auth";
import { briefs } from "./briefs";
import { common } from "./common";
import { dashboard } from "./dashboard";
import { directory } from "./directory";
import { home } from "./home";
import { milestones } from "./milestones";
import { notifications } from "./notifications";
import { outcomes } from "./outcomes";
import { participants } from "./participants";
import { plans } from "./plans";
import { registration } from "./registration";
import { reminders } from "./reminders";
import { results } from "./results";
import { workshops } from "./workshops";

// One namespace per area of the product, so each can grow on its own.
export const id = {
  common,
  auth,
  account,
  admin,
  home,
  dashboard,
  directory,
  plans,
  milestones,
  workshops,
  outcomes,
  participants,
  registration,
  activity,
  notifications,
  reminders,
  briefs,
  results,
};
