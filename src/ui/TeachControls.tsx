/**
 * Teach: reward and punish pulse the modulators (dopamine, aversion) that
 * gate three-factor learning, by button or by key (R, P); each level is
 * shown as it decays.
 */
import { useEffect } from 'react';
import { MODULATOR_NAMES, type ModulatorName } from '@/model/modulators';
import { selectCanCommand } from '@/store';
import { useAppState, useServices } from './app-context';
import { shortcut } from './keys';

/** Level one press adds: the unit the presets' learning rates are set for. */
export const PULSE_AMOUNT = 1;

const LESSONS: { modulator: ModulatorName; label: string; key: string }[] = [
  { modulator: 'dopamine', label: 'Reward', key: 'r' },
  { modulator: 'aversion', label: 'Punish', key: 'p' },
];


export function TeachControls() {
  const { client } = useServices();
  const canCommand = useAppState(selectCanCommand);
  const levels = useAppState((s) => s.modulators);

  useEffect(() => {
    if (!canCommand) return;
    const onKey = (event: KeyboardEvent) => {
      if (!shortcut(event)) return;
      const lesson = LESSONS.find((l) => l.key === event.key.toLowerCase());
      if (lesson) client.pulse(lesson.modulator, PULSE_AMOUNT);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [client, canCommand]);

  return (
    <section className="teach" aria-label="Teach">
      {LESSONS.map(({ modulator, label, key }) => {
        const level = levels[MODULATOR_NAMES.indexOf(modulator)] ?? 0;
        return (
          <div key={modulator} className={`lesson ${modulator}`}>
            <button type="button" disabled={!canCommand} aria-keyshortcuts={key.toUpperCase()} onClick={() => client.pulse(modulator, PULSE_AMOUNT)}>
              {label} <kbd>{key.toUpperCase()}</kbd>
            </button>
            <meter min={0} max={PULSE_AMOUNT * 2} value={Math.max(0, level)} aria-label={`${modulator} level`} />
            <span className="level" data-testid={`${modulator}-level`}>
              {level.toFixed(2)}
            </span>
          </div>
        );
      })}
    </section>
  );
}
