import { BarChart as EBar } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { init, use, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

use([EBar, GridComponent, TooltipComponent, CanvasRenderer]);

const COLORS = ['#c8161d', '#e6a23c', '#5b8ff9'];

export interface BarSeries { name: string; values: number[] }

/**
 * A horizontal bar chart (ECharts, only the parts used, in this lazily loaded chunk). Horizontal, so long Chinese
 * labels stay readable on a phone. Resizes with its box. No legend component (size): the card's table view and the
 * tooltip name the series.
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
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: labels, inverse: true },
      color: COLORS,
      series: series.map((s) => ({ type: 'bar', name: s.name, data: s.values, barMaxWidth: 18, label: { show: true, position: 'right', formatter: (p: { value: unknown }) => (p.value ? String(p.value) : '') } })),
    }, true);
  }, [labels, series]);
  return (
    <>
      {series.length > 1 && (
        <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap', fontSize: '0.9em' }}>
          {series.map((s, i) => (
            <span key={s.name}><span style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 2, background: COLORS[i % COLORS.length], marginRight: 6 }} />{s.name}</span>
          ))}
        </div>
      )}
      <div ref={box} style={{ width: '100%', height: height ?? Math.max(120, labels.length * (series.length > 1 ? 34 : 26) + 40) }} />
    </>
  );
}
