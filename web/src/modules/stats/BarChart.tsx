import { BarChart as EBar } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

use([EBar, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface BarSeries { name: string; values: number[] }

/**
 * A horizontal bar chart (ECharts, only the parts used, in this lazily loaded chunk). Horizontal, so long Chinese
 * labels stay readable on a phone. Resizes with its box.
 */
export default function BarChart({ labels, series, height }: { labels: string[]; series: BarSeries[]; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  useEffect(() => {
    if (!box.current) return;
    const c = init(box.current);
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(box.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: series.length > 1 ? { top: 0 } : { show: false },
      grid: { left: 8, right: 24, top: series.length > 1 ? 28 : 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: labels, inverse: true },
      color: ['#c8161d', '#e6a23c', '#5b8ff9'],
      series: series.map((s) => ({ type: 'bar', name: s.name, data: s.values, barMaxWidth: 18, label: { show: true, position: 'right' } })),
    }, true);
  }, [labels, series]);
  return <div ref={box} style={{ width: '100%', height: height ?? Math.max(120, labels.length * (series.length > 1 ? 34 : 26) + 40) }} />;
}
