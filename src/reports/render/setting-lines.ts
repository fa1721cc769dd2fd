import type { RunReport } from '../documents/report-document';

/** The run's duration and answer-changing settings as `name: value` lines (whatever the manifest records, so new settings show up unasked). */
export function settingLines(report: Pick<RunReport, 'settings' | 'duration_seconds'>): string[] {
  if (report.settings.length === 0 && report.duration_seconds === null) return [];
  return [
    'Settings:',
    ...(report.duration_seconds === null ? [] : [`  duration: ${formatDuration(report.duration_seconds)}`]),
    ...report.settings.map((setting) => `  ${setting.name}: ${setting.value}`),
  ];
}

/** `754.2 s (12 min 34 s)`: seconds for scripts, minutes for people. */
export function formatDuration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return minutes === 0 ? `${seconds.toFixed(1)} s` : `${seconds.toFixed(1)} s (${minutes} min ${Math.round(seconds - minutes * 60)} s)`;
}
