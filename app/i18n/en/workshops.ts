export const workshops = {
  title: "Workshops",
};
