// Placeholder, owned by the charts work: pain over time (daily points, 7-day mean, sessions).

/** Draw the pain chart for a /trends answer into container. */
export function renderPainTrend(container, trends) {
  container.textContent = `${trends.series.length} days`;
}
