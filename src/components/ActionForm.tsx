"use client";
// One way to write a form that calls a server action: the action's result (ActionResult) is shown as a
// DSFR alert, each field shows its own French error, and what the user typed stays in place when the
// server refuses it (React resets a form after a plain `action`, so the submission goes through onSubmit;
// without JavaScript the form still posts to the action).
import { createContext, useActionState, useContext, useEffect, useRef, startTransition, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Select } from "@codegouvfr/react-dsfr/Select";

/** The shape of src/server/actions/run.ts's ActionResult, as the client sees it. */
export type FormResult = { ok: true; message?: string; link?: { href: string; label: string } } | { ok: false; code?: string; message: string; fieldErrors?: Record<string, string> } | null;

type FormAction = (previous: FormResult, formData: FormData) => Promise<FormResult>;

const FieldErrors = createContext<Record<string, string>>({});

function useFieldError(name: string): { state: "error" | "default"; stateRelatedMessage?: string } {
  const message = useContext(FieldErrors)[name];
  return message ? { state: "error", stateRelatedMessage: message } : { state: "default" };
}

export function ActionForm({
  action,
  hidden,
  submitLabel,
  pendingLabel = "Enregistrement…",
  successHref,
  children,
  secondary,
  submitPriority = "primary",
}: {
  action: FormAction;
  /** Hidden fields (the convention's id…). */
  hidden: Record<string, string>;
  submitLabel: string;
  pendingLabel?: string;
  /** Where to go once the action succeeded; by default the form stays, emptied, with the success message. */
  successHref?: string;
  children: ReactNode;
  /** A secondary button or link, next to the submit button. */
  secondary?: ReactNode;
  /** "secondary" for an action that undoes or withdraws (DSFR keeps the primary button for the main action). */
  submitPriority?: "primary" | "secondary";
}) {
  const [result, formAction, pending] = useActionState<FormResult, FormData>(action, null);
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const router = useRouter();

  useEffect(() => {
    if (!result) return;
    if (result.ok && successHref) {
      router.push(successHref);
      return;
    }
    if (result.ok) formRef.current?.reset();
    alertRef.current?.focus();
  }, [result, successHref, router]);

  return (
    <form
      ref={formRef}
      action={formAction}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        startTransition(() => formAction(data));
      }}
    >
      <div ref={alertRef} tabIndex={-1} className={fr.cx("fr-mb-2w")}>
        {/* The DSFR alert carries role="alert": screen readers announce it; focus moves to it too. */}
      {result && !result.ok && <Alert severity="error" small description={result.message} />}
        {result?.ok && result.message && <Alert severity="success" small description={result.message} />}
        {result?.ok && result.link && (
          <p className={fr.cx("fr-mt-2w")}>
            {result.link.label} :{" "}
            <a href={result.link.href} style={{ wordBreak: "break-all" }} data-testid="lien-transmis">
              {result.link.href}
            </a>
          </p>
        )}
      </div>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FieldErrors.Provider value={(result && !result.ok && result.fieldErrors) || {}}>{children}</FieldErrors.Provider>
      <div className={fr.cx("fr-btns-group", "fr-btns-group--inline-md", "fr-btns-group--left")}>
        <Button type="submit" disabled={pending} priority={submitPriority}>
          {pending ? pendingLabel : submitLabel}
        </Button>
        {secondary}
      </div>
    </form>
  );
}

export function TextField({
  name,
  label,
  hint,
  type = "text",
  defaultValue,
  required,
  textArea,
  inputMode,
}: {
  name: string;
  label: string;
  hint?: string;
  type?: "text" | "date";
  defaultValue?: string;
  required?: boolean;
  textArea?: boolean;
  inputMode?: "decimal" | "numeric";
}) {
  const error = useFieldError(name);
  if (textArea) {
    return <Input label={label} hintText={hint} textArea {...error} nativeTextAreaProps={{ name, defaultValue, required, rows: 4 }} />;
  }
  return <Input label={label} hintText={hint} {...error} nativeInputProps={{ name, type, defaultValue, required, inputMode }} />;
}

export function RadioField({
  name,
  legend,
  options,
  defaultValue,
}: {
  name: string;
  legend: string;
  options: { value: string; label: string; hint?: string }[];
  defaultValue?: string;
}) {
  const error = useFieldError(name);
  return (
    <RadioButtons
      legend={legend}
      name={name}
      {...error}
      options={options.map((o) => ({ label: o.label, hintText: o.hint, nativeInputProps: { value: o.value, defaultChecked: o.value === defaultValue } }))}
    />
  );
}

export function SelectField({
  name,
  label,
  options,
  hint,
  defaultValue = "",
}: {
  name: string;
  label: string;
  hint?: string;
  options: { value: string; label: string }[];
  defaultValue?: string;
}) {
  const error = useFieldError(name);
  return (
    <Select label={label} hint={hint} {...error} nativeSelectProps={{ name, defaultValue }}>
      <option value="" disabled>
        Sélectionnez une option
      </option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </Select>
  );
}
