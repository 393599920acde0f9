/** The simulators an experiment exports to, by name: apart from the exporters so the page can label its menu without loading them. */
export type ExportTarget = 'brian2' | 'pynn';

export const EXPORT_TARGETS: Record<ExportTarget, string> = { brian2: 'Brian2', pynn: 'PyNN' };
