import { useEffect, useRef, useState } from "react";

/** Draws a chart for the width it has: an Observable Plot figure or SVG. */
export type ChartRenderer = (width: number) => SVGSVGElement | HTMLElement;

/**
 * An Observable Plot chart drawn as plain SVG into the page, redrawn when its container changes
 * width (so it fits a phone as well as a desktop). The chart is one image to assistive
 * technology, named by `summary`: the table beneath every chart carries the figures themselves.
 */
export function PlotChart({
  title,
  summary,
  render,
}: {
  title: string;
  summary: string;
  render: ChartRenderer;
}) {
  const container = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const element = container.current;
    if (!element || width === 0) return;
    const chart = render(width);
    // Plot labels its marks for screen readers, but here the chart is one image named by its
    // summary, and labels on its parts would be announced nowhere (and are not allowed on <g>).
    for (const labelled of chart.querySelectorAll("[aria-label], [aria-description]")) {
      labelled.removeAttribute("aria-label");
      labelled.removeAttribute("aria-description");
    }
    element.replaceChildren(chart);
    return () => chart.remove();
  }, [render, width]);

  return (
    <figure className="rocu-chart">
      <figcaption className="govuk-heading-s rocu-chart__title">{title}</figcaption>
      <div ref={container} className="rocu-chart__plot" role="img" aria-label={summary} />
    </figure>
  );
}
