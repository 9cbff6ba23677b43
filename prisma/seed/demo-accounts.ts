/**
 * The demo accounts DESIGN.md promises, by role: the seed creates them and the
 * tests sign in as them (tests/support/people.ts). Addresses use the reserved
 * .test domain so that no mail can reach a real person.
 */

export const DEMO_PASSWORD = "focalpoint-demo";

const address = (local: string) => `${local}@focalpoint.test`;

export const DEMO_ACCOUNTS = {
  admin: address("admin"),
  secretariat: address("secretariat"),
  /** The ILO facilitator. */
  facilitator: address("facilitator"),
  facilitatorIom: address("facilitator.iom"),
  observer: address("observer"),
  /** The focal point of a Member State, by ISO code ("VN"). */
  focalPoint: (countryCode: string) => address(`fp.${countryCode.toLowerCase()}`),
  /** The task-force member of a Member State, by ISO code ("VN"). */
  taskForce: (countryCode: string) => address(`tf.${countryCode.toLowerCase()}`),
};
