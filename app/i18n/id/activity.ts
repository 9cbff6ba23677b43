import type { activity as en } from "../en/activity";
import type { Translation } from "../types";

export const activity: Translation<typeof en> = {
  milestoneStatus: "{{milestone}}: {{status}}",
  milestoneUpdated: "{{milestone}} diperbarui",
  milestoneUpdatedFromSpreadsheet: "{{milestone}} diperbarui dari lembar kerja",
  planCreated: "Rencana dibuat: {{title}} ({{periodStart}}–{{periodEnd}})",
  itemAdded: "Butir tindakan ditambahkan: {{activity}}",
  itemUpdated: "Butir tindakan diperbarui: {{activity}}",
  itemUpdatedFromSpreadsheet: "Butir tindakan diperbarui dari lembar kerja: {{activity}}",
  itemRemoved: "Butir tindakan dihapus: {{activity}}",
  itemDoneWithMilestone: "Butir tindakan selesai bersama tonggaknya: {{activity}}",
  sectorChosen: "{{sector}} dipilih sebagai sektor prioritas {{country}}",
  sectorDropped: "{{sector}} tidak lagi menjadi sektor prioritas {{country}}",
  agreedActionAssigned: "Tindakan yang disepakati ditugaskan kepada {{country}}, tenggat {{due}}: {{text}}",
  agreedActionUnassigned: "Tindakan yang disepakati tidak lagi ditugaskan kepada {{country}}: {{text}}",
};
