'use client';

import { useEffect, useRef, useState } from 'react';
import { STEERING_RULES, LIMITS_STEERING_CONFIG, type SteeringConfig, type SteeringRule } from '@/protocol/steering';
import type { CommandError } from '@/lib/commands';
import { useAxiom } from '@/lib/axiom-provider';
import { steeringCommands } from '@/lib/steering-commands';
import { RULE_LABEL, thresholdLabel } from '@/lib/steering-format';
import { draftOf, patchOf, type RuleDraft, type RulesDraft } from '@/lib/steering-rules-draft';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ErrorNote } from '@/components/ui/error-note';

/**
 * The steering rules' settings (`steering:config`, `steering:set-config`): per rule, on or
 * off, its thresholds and its message. Save sends only what changed; the server checks it,
 * applies it at once to every task and keeps it in steering.json. A change made elsewhere
 * (another browser, the API) replaces the form while nothing here is edited.
 */
export function RulesDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { socket, status } = useAxiom();
  const [config, setConfig] = useState<SteeringConfig | null>(null);
  const [draft, setDraft] = useState<RulesDraft | null>(null);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  /** The server's error, or the form's own check (a message naming the rule and field). */
  const [error, setError] = useState<CommandError | string | null>(null);
  const [saved, setSaved] = useState(false);

  // Read by the load below without making it re-run on every keystroke.
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  // Loaded again after a reconnect: a change made elsewhere while we were away sent its
  // steering:config-updated to nobody here.
  const connected = status === 'connected';

  useEffect(() => {
    if (!open) return;
    setError(null);
    setSaved(false);
    setDirty(false);
    dirtyRef.current = false;
  }, [open]);

  useEffect(() => {
    if (!open || !connected) return;
    let live = true;
    void steeringCommands.config(socket).then((r) => {
      // Never under a person's edits: the patch is computed against the config they started from.
      if (!live || dirtyRef.current) return;
      if (!r.ok) return setError(r.error);
      setError(null);
      setConfig(r.value);
      setDraft(draftOf(r.value));
    });
    return () => {
      live = false;
    };
  }, [open, socket, connected]);

  useEffect(() => {
    if (!open || socket === null || dirty) return;
    const onUpdated = (next: SteeringConfig): void => {
      setConfig(next);
      setDraft(draftOf(next));
    };
    socket.on('steering:config-updated', onUpdated);
    return () => {
      socket.off('steering:config-updated', onUpdated);
    };
  }, [open, socket, dirty]);

  const change = (rule: SteeringRule, patch: Partial<RuleDraft>): void => {
    setDraft((d) => (d === null ? d : { ...d, [rule]: { ...d[rule], ...patch } }));
    setDirty(true);
    setSaved(false);
  };

  const save = async (): Promise<void> => {
    if (config === null || draft === null) return;
    const p = patchOf(config, draft);
    if (!p.ok) return setError(p.error);
    setError(null);
    if (p.changed === 0) return onClose();
    setSaving(true);
    const r = await steeringCommands.setConfig(socket, p.patch);
    setSaving(false);
    if (!r.ok) return setError(r.error);
    setConfig(r.value);
    setDraft(draftOf(r.value));
    setDirty(false);
    setSaved(true);
  };

  return (
    <Dialog open={open} onClose={onClose} title="Steering rules" testId="steering-rules">
      <p className="mb-3 text-xs text-muted">
        Changes apply at once to every task and are kept in steering.json. In messages, {'{placeholders}'} are filled in by the rule.
      </p>
      <div className="max-h-[60vh] space-y-2 overflow-y-auto pr-1">
        {draft === null ? (
          <p data-testid="steering-rules-loading" className="py-6 text-center text-xs text-faint">{error ? 'Could not load the rules.' : 'Loading…'}</p>
        ) : (
          STEERING_RULES.map((rule) => <RuleRow key={rule} rule={rule} draft={draft[rule]} onChange={(p) => change(rule, p)} />)
        )}
      </div>
      <ErrorNote error={error} testId="steering-rules-error" className="mt-2" />
      {saved && <p data-testid="steering-rules-saved" className="mt-2 text-xs text-ok">Saved; in force now.</p>}
      <div className="mt-4 flex justify-end gap-2">
        <Button size="md" onClick={onClose}>{dirty ? 'Cancel' : 'Close'}</Button>
        <Button size="md" variant="primary" data-testid="steering-rules-save" disabled={saving || draft === null} onClick={() => void save()}>
          {saving ? 'Saving…' : 'Save'}
        </Button>
      </div>
    </Dialog>
  );
}

function RuleRow({ rule, draft, onChange }: { rule: SteeringRule; draft: RuleDraft; onChange: (patch: Partial<RuleDraft>) => void }) {
  const input = 'rounded-md border border-line bg-canvas px-1.5 text-xs text-fg focus:border-accent/60 focus:outline-none';
  return (
    <section data-testid={`rule-${rule}`} data-enabled={draft.enabled} className={`rounded-md border border-line p-2 ${draft.enabled ? '' : 'opacity-60'}`}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <label className="flex items-center gap-2 text-xs font-medium">
          <input type="checkbox" data-testid={`rule-enabled-${rule}`} checked={draft.enabled} onChange={(e) => onChange({ enabled: e.target.checked })} />
          {RULE_LABEL[rule]}
        </label>
        {Object.entries(draft.thresholds).map(([key, value]) => (
          <label key={key} title={thresholdLabel(key).title} className="flex items-center gap-1 text-[11px] text-muted">
            {thresholdLabel(key).label}
            <input type="number" min={0} step="any" data-testid={`rule-threshold-${rule}-${key}`} aria-label={`${RULE_LABEL[rule]}: ${thresholdLabel(key).label}`} value={value}
              onChange={(e) => onChange({ thresholds: { ...draft.thresholds, [key]: e.target.value } })} className={`h-6 w-20 ${input}`} />
          </label>
        ))}
      </div>
      <textarea data-testid={`rule-message-${rule}`} aria-label={`${RULE_LABEL[rule]}: message`} value={draft.message} rows={2}
        maxLength={LIMITS_STEERING_CONFIG.maxMessageChars} onChange={(e) => onChange({ message: e.target.value })}
        className={`mt-1.5 w-full resize-y py-1 font-mono ${input}`} />
    </section>
  );
}
