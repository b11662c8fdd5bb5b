import { visible } from '../format';

/** One label and value of the detail pane; an absent value shows as a dash. */
export function Field({ label, value }: { label: string; value: string | number | null | undefined }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value === null || value === undefined || value === '' ? '—' : visible(String(value))}</dd>
    </>
  );
}
