/**
 * The demo people the tests act as, by role, from the seed's own list:
 * `demo.secretariat`, `demo.focalPoint("VN")`, `demo.taskForce("KH")`, `demo.facilitator` …
 */
export { DEMO_ACCOUNTS as demo, DEMO_PASSWORD } from "../../prisma/seed/demo-accounts";
