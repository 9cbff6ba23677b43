export const directory = {
  title: "People",
};
