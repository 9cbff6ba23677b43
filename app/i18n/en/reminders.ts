export const reminders = {
  nav: "Reminder rules",
  title: "Reminder rules",
  intro:
    "Reminders the countries receive when their work stands still or a date comes near, and who hears when something stays overdue. Each person receives them as they chose: an e-mail at once, in the weekly digest, or only in the app. A record is reminded of once per rule, never daily.",
  on: "On",
  off: "Off",
  state: "Rule",
  saved: "The rule is saved. Reminders it makes now are on their way.",
  lastSaved: "Last changed by {{name}} on {{date}}.",
  rules: {
    stalled: {
      heading: "Work that has not moved",
      text: "An action item not done, or a milestone in progress or blocked, that nobody has changed for the number of weeks below. Its country's focal points and task force are reminded.",
      amount: "Weeks without a change",
    },
    plan_since_meeting: {
      heading: "Plans not updated since the last meeting",
      text: "A plan for this year whose narrative and action items have not changed since the last meeting ended. Its country's focal points and task force are reminded once per meeting.",
      meetingOn: "Last meeting ended on",
      meetingHint:
        "Leave empty to use the end of the latest regional meeting among the workshops ({{date}}). Set a day if the last meeting is not in FocalPoint.",
      meetingHintNone:
        "Leave empty to use the end of the latest regional meeting among the workshops (none has been held yet). Set a day if the last meeting is not in FocalPoint.",
    },
    target_soon: {
      heading: "Dates coming near",
      text: "An action item or milestone whose due or target date is within the number of days below. Its country's focal points and task force are reminded once per date.",
      amount: "Days before the date",
    },
    overdue_escalation: {
      heading: "Escalation of what stays overdue",
      text: "An action item or milestone still overdue this many days after its date goes to its country's focal points; if it is still overdue the further days below, to the ASEAN Secretariat. Once for each level, never daily.",
      amount: "Days overdue before the focal points hear",
      further: "Further days before the Secretariat hears",
    },
  },
  form: {
    meetingInFuture: "The last meeting cannot be after today.",
  },
  notices: {
    stalled_item:
      "The action item “{{activity}}” ({{plan}}) has not changed for {{weeks}} weeks (last change {{since}}).",
    stalled_milestone:
      "The milestone {{milestone}} ({{country}}) has not changed for {{weeks}} weeks (last change {{since}}).",
    target_soon_item: "The action item “{{activity}}” ({{plan}}) is due on {{date}}.",
    target_soon_milestone: "The milestone {{milestone}} ({{country}}) has its target date on {{date}}.",
    plan_since_meeting: "{{country}}'s plan “{{plan}}” has not been updated since the last meeting ({{date}}).",
    overdue_focal_points_item:
      "Still overdue: the action item “{{activity}}” ({{plan}}) was due on {{date}}. Please update it or agree a new date.",
    overdue_focal_points_milestone:
      "Still overdue: the milestone {{milestone}} ({{country}}) had its target date on {{date}}. Please update it or agree a new date.",
    overdue_secretariat_item:
      "Escalated: {{country}}'s action item “{{activity}}” ({{plan}}) is still overdue since {{date}}.",
    overdue_secretariat_milestone: "Escalated: {{country}}'s milestone {{milestone}} is still overdue since {{date}}.",
  },
};
