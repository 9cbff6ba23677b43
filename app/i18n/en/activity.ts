// The activity feed's sentences, kept as key + params on each history row and rendered in the reader's language.
// Params are typed in app/i18n/activity.ts: dates, reference data and statuses are rendered for the reader.
export const activity = {
  milestoneStatus: "{{milestone}}: {{status}}",
  milestoneUpdated: "{{milestone}} updated",
  milestoneUpdatedFromSpreadsheet: "{{milestone}} updated from a spreadsheet",
  planCreated: "Plan created: {{title}} ({{periodStart}}–{{periodEnd}})",
  itemAdded: "Action item added: {{activity}}",
  itemUpdated: "Action item updated: {{activity}}",
  itemUpdatedFromSpreadsheet: "Action item updated from a spreadsheet: {{activity}}",
  itemRemoved: "Action item removed: {{activity}}",
  itemDoneWithMilestone: "Action item done with its milestone: {{activity}}",
  sectorChosen: "{{sector}} chosen as a priority sector of {{country}}",
  sectorDropped: "{{sector}} is no longer a priority sector of {{country}}",
  agreedActionAssigned: "Agreed action assigned to {{country}}, due {{due}}: {{text}}",
  agreedActionUnassigned: "Agreed action no longer assigned to {{country}}: {{text}}",
};
