// A labelled range slider with a numeric box beside it (type a precise value or drag), in the given unit.
export interface NumberSliderProps {
  label: string;
  unit: string;
  min: number;
  max: number;
  step: number;
  value: number;
  onChange: (value: number) => void;
  disabled?: boolean;
  testId?: string;
}

export function NumberSlider({ label, unit, min, max, step, value, onChange, disabled, testId }: NumberSliderProps) {
  const clamp = (v: number) => Math.min(max, Math.max(min, v));
  // Show as many decimals as the step has (a planner's 1.4726 s reads as 1.47).
  const decimals = Math.max(0, Math.ceil(-Math.log10(step)));
  const shown = Number(value.toFixed(decimals));
  return (
    <label className="field">
      <span>
        {label} <span className="unit">{unit}</span>
      </span>
      <span className="slider">
        <input type="range" min={min} max={max} step={step} value={value} disabled={disabled} onChange={(e) => onChange(Number(e.target.value))} />
        <input
          type="number"
          min={min}
          max={max}
          step={step}
          value={shown}
          disabled={disabled}
          data-testid={testId}
          aria-label={`${label}, ${unit}`}
          onChange={(e) => {
            const v = Number(e.target.value);
            if (e.target.value !== '' && Number.isFinite(v)) onChange(clamp(v));
          }}
        />
      </span>
    </label>
  );
}
