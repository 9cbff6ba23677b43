export const milestones = {
  title: "Milestones",
};
