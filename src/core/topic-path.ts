// A topic is the path of section headings above a unit, outermost first (`string[]`) everywhere: store, App, HTTP,
// MCP and the web app. This is the one place that turns it into text, at the edge that shows it. Pure.

/** How a topic path is shown to people ("Chapter > Section"); a heading may itself contain the separator. */
export function formatTopic(path: readonly string[]): string {
  return path.join(' > ');
}
