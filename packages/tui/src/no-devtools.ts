/** Stands in for react-devtools-core in the bundle (build.ts): Ink asks for it only with DEV=true. */
export default {
  initialize() {},
  connectToDevTools() {},
};
