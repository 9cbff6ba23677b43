export const plans = {
  title: "Action plans",
};
