/** A row of tabs switching what a panel shows (buttons: Tab reaches them, Space or Enter picks one). */
export function ViewTabs<T extends string>({ tabs, value, onChange, label }: { tabs: readonly (readonly [T, string])[]; value: T; onChange: (v: T) => void; label: string }) {
  return (
    <div className="view-tabs" role="tablist" aria-label={label}>
      {tabs.map(([id, text]) => (
        <button key={id} role="tab" aria-selected={value === id} data-testid={`tab-${id}`} className={value === id ? 'active' : ''} onClick={() => onChange(id)}>
          {text}
        </button>
      ))}
    </div>
  );
}
