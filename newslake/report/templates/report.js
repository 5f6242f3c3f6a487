// Draws every chart of the page with vega-embed, loaded from vega.js beside this file: nothing from the network.
// window.newslakeCharts resolves to the Vega views once all are drawn; body[data-charts] says "drawn" or "failed".
window.newslakeCharts = Promise.all(Array.from(document.querySelectorAll("figure.chart .view")).map(function (view) {
  var figure = view.closest("figure");
  var spec = JSON.parse(figure.querySelector("script[type='application/json']").textContent);
  return vegaEmbed(view, spec, {renderer: "svg", actions: false}).then(function (result) {
    figure.dataset.drawn = "yes";
    return result.view;
  });
})).then(function (views) {
  document.body.dataset.charts = "drawn";
  return views;
}, function (error) {
  document.body.dataset.charts = "failed";
  console.error(error);
});
