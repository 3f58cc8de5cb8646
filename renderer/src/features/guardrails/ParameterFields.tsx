// A form for a check's parameters, generated from its JSON Schema (GET /v1/guardrails/checks): one
// field per parameter, of its type (switch, number, choice, text, list, a group of fields, or JSON
// where no simpler field fits), labelled with the parameter's name as the API spells it, with its
// description, type and default underneath, required ones marked. A parameter left empty is left
// out, so the server's default applies; the server's error lands on the field it names.
import { useState, type ReactNode } from 'react';
import { Fieldset, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Switch, TagsInput, Text, TextInput, Textarea } from '@mantine/core';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  oneOf?: JsonSchema[];
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: { enum?: string[] };
}

type Kind = 'boolean' | 'number' | 'choice' | 'text' | 'longText' | 'list' | 'choices' | 'textOrNumber' | 'group' | 'choiceMap' | 'json';

const isType = (s: JsonSchema | undefined, t: string) => s !== undefined && (s.type === t || (Array.isArray(s.type) && s.type.includes(t)));
const enumOf = (s: JsonSchema | undefined) => (s?.enum ?? []).map(String);

/** The field that fits a parameter's schema. */
export function kindOf(s: JsonSchema): Kind {
  if (s.oneOf) {
    const list = s.oneOf.find((o) => isType(o, 'array'));
    if (list && s.oneOf.some((o) => isType(o, 'string'))) return list.items?.enum ? 'choices' : 'list';
    if (s.oneOf.some((o) => isType(o, 'number')) && s.oneOf.some((o) => isType(o, 'string'))) return 'textOrNumber';
    return 'json';
  }
  if (isType(s, 'boolean')) return 'boolean';
  if (isType(s, 'integer') || isType(s, 'number')) return 'number';
  if (isType(s, 'string')) return s.enum ? 'choice' : (s.maxLength ?? 0) >= 10_000 ? 'longText' : 'text';
  if (isType(s, 'array')) {
    if (s.items?.enum) return 'choices';
    return isType(s.items, 'string') ? 'list' : 'json';
  }
  if (isType(s, 'object')) {
    if (s.properties && Object.keys(s.properties).length > 0 && !s.required?.length) return 'group';
    const values = typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
    if (s.propertyNames?.enum && values?.enum) return 'choiceMap';
    return 'json';
  }
  return 'json';
}

/** What kind of value a parameter takes, in words, with its bounds and default. */
export function typeLine(s: JsonSchema): string {
  const kind = kindOf(s);
  const words: Record<Kind, string> = {
    boolean: 'on or off',
    number: isType(s, 'integer') ? 'whole number' : 'number',
    choice: 'one of the choices',
    text: 'text',
    longText: 'text',
    list: 'list of text (Enter after each)',
    choices: 'list of choices',
    textOrNumber: 'text or number',
    group: 'group',
    choiceMap: 'a choice per kind',
    json: isType(s, 'array') ? 'JSON list' : 'JSON object',
  };
  const bounds =
    s.minimum !== undefined && s.maximum !== undefined
      ? ` from ${s.minimum} to ${s.maximum}`
      : s.minimum !== undefined
        ? `, at least ${s.minimum}`
        : s.maximum !== undefined
          ? `, at most ${s.maximum}`
          : '';
  const dflt = s.default === undefined ? '' : ` · default ${JSON.stringify(s.default)}`;
  return `Type: ${words[kind]}${bounds}${dflt}`;
}

/** Paths of the fields a schema's form shows (`rules.defaults`), which claim errors that name them. */
export function leafPaths(schema: JsonSchema, prefix = ''): string[] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, s]) =>
    kindOf(s) === 'group' ? leafPaths(s, `${prefix}${name}.`) : [`${prefix}${name}`],
  );
}

interface Props {
  schema: JsonSchema;
  value: Record<string, unknown>;
  onChange: (value: Record<string, unknown>) => void;
  /** The server's message for the parameter at this path, if it names it. */
  errorFor: (path: string) => string | undefined;
  /** Names fields apart when a form shows the same check twice (`Check 2`). */
  labelPrefix: string;
  disabled: boolean;
  path?: string;
}

export function ParameterFields({ schema, value, onChange, errorFor, labelPrefix, disabled, path = '' }: Props) {
  const entries = Object.entries(schema.properties ?? {});
  if (entries.length === 0) return null;
  const set = (name: string, v: unknown) => {
    const next = { ...value };
    if (v === undefined) delete next[name];
    else next[name] = v;
    onChange(next);
  };
  return (
    <Stack gap="sm">
      {entries.map(([name, s]) => (
        <Parameter
          key={name}
          name={name}
          schema={s}
          required={schema.required?.includes(name) ?? false}
          value={value[name]}
          onChange={(v) => set(name, v)}
          errorFor={errorFor}
          labelPrefix={labelPrefix}
          disabled={disabled}
          path={`${path}${name}`}
        />
      ))}
    </Stack>
  );
}

interface ParameterProps {
  name: string;
  schema: JsonSchema;
  required: boolean;
  value: unknown;
  onChange: (v: unknown) => void;
  errorFor: (path: string) => string | undefined;
  labelPrefix: string;
  disabled: boolean;
  path: string;
}

function Parameter({ name, schema: s, required, value, onChange, errorFor, labelPrefix, disabled, path }: ParameterProps) {
  const kind = kindOf(s);
  const description: ReactNode = (
    <>
      {s.description ? <span>{s.description}. </span> : null}
      <span>{typeLine(s)}</span>
    </>
  );
  const common = {
    label: name,
    'aria-label': `${labelPrefix} ${name}`,
    description,
    required,
    error: errorFor(path),
    disabled,
  };
  const placeholder = s.default === undefined ? undefined : `${String(s.default)} (default)`;
  switch (kind) {
    case 'boolean':
      return (
        <Switch
          {...common}
          checked={typeof value === 'boolean' ? value : s.default === true}
          // The default is left out of the saved parameters, as Portkey's console does.
          onChange={(e) => onChange(e.currentTarget.checked === (s.default === true) ? undefined : e.currentTarget.checked)}
        />
      );
    case 'number':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value : ''}
          placeholder={placeholder}
          min={s.minimum}
          max={s.maximum}
          allowDecimal={!isType(s, 'integer')}
          onChange={(v) => onChange(typeof v === 'number' ? v : undefined)}
          maw={260}
        />
      );
    case 'choice':
      return (
        <Select
          {...common}
          data={enumOf(s)}
          value={typeof value === 'string' ? value : null}
          placeholder={placeholder ?? 'Choose…'}
          clearable={!required}
          onChange={(v) => onChange(v ?? undefined)}
          maw={320}
        />
      );
    case 'text':
      return (
        <TextInput
          {...common}
          value={typeof value === 'string' ? value : ''}
          placeholder={placeholder}
          ff={name === 'rule' ? 'monospace' : undefined}
          onChange={(e) => onChange(e.currentTarget.value === '' ? undefined : e.currentTarget.value)}
        />
      );
    case 'longText':
      return (
        <Textarea
          {...common}
          autosize
          minRows={2}
          maxRows={12}
          value={typeof value === 'string' ? value : ''}
          placeholder={placeholder}
          onChange={(e) => onChange(e.currentTarget.value === '' ? undefined : e.currentTarget.value)}
        />
      );
    case 'list':
      return (
        <TagsInput
          {...common}
          value={listValue(value)}
          placeholder={placeholder ?? 'Type, then Enter'}
          onChange={(v) => onChange(v.length ? v : undefined)}
        />
      );
    case 'choices': {
      const items = s.items?.enum ? s.items : s.oneOf?.find((o) => isType(o, 'array'))?.items;
      return (
        <MultiSelect
          {...common}
          data={enumOf(items)}
          value={listValue(value)}
          placeholder={Array.isArray(s.default) ? `${s.default.join(', ')} (default)` : 'Choose…'}
          searchable
          onChange={(v) => onChange(v.length ? v : undefined)}
        />
      );
    }
    case 'textOrNumber':
      return (
        <TextInput
          {...common}
          value={value === undefined ? '' : String(value)}
          placeholder={placeholder}
          onChange={(e) => {
            const t = e.currentTarget.value.trim();
            onChange(t === '' ? undefined : /^\d+(\.\d+)?$/.test(t) ? Number(t) : t);
          }}
          maw={260}
        />
      );
    case 'group':
      return (
        <Fieldset legend={s.description ? `${name}: ${s.description}` : name} variant="filled" disabled={disabled}>
          <ParameterFields
            schema={s}
            value={isObject(value) ? value : {}}
            onChange={(v) => onChange(Object.keys(v).length ? v : undefined)}
            errorFor={errorFor}
            labelPrefix={`${labelPrefix} ${name}`}
            disabled={disabled}
            path={`${path}.`}
          />
        </Fieldset>
      );
    case 'choiceMap': {
      const map = isObject(value) ? value : {};
      const values = typeof s.additionalProperties === 'object' ? enumOf(s.additionalProperties) : [];
      return (
        <Fieldset legend={name} variant="filled" disabled={disabled}>
          <Stack gap="xs">
            <Text size="xs" c="dimmed">
              {description}
            </Text>
            <SimpleGrid cols={{ base: 2, sm: 4 }}>
              {(s.propertyNames?.enum ?? []).map((key) => (
                <Select
                  key={key}
                  label={key}
                  aria-label={`${labelPrefix} ${name} ${key}`}
                  data={values}
                  value={typeof map[key] === 'string' ? map[key] : null}
                  placeholder="As chosen above"
                  clearable
                  onChange={(v) => {
                    const next: Record<string, unknown> = { ...map };
                    if (v) next[key] = v;
                    else delete next[key];
                    onChange(Object.keys(next).length ? next : undefined);
                  }}
                />
              ))}
            </SimpleGrid>
            {errorFor(path) ? (
              <span role="alert" style={{ color: 'var(--mantine-color-error)', fontSize: 'var(--mantine-font-size-xs)' }}>
                {errorFor(path)}
              </span>
            ) : null}
          </Stack>
        </Fieldset>
      );
    }
    case 'json':
      return <JsonField {...common} value={value} onChange={onChange} />;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A list parameter; Portkey also takes a comma-separated string for some. */
function listValue(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string')
    return value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return [];
}

interface JsonFieldProps {
  label: string;
  'aria-label': string;
  description: ReactNode;
  required: boolean;
  error: string | undefined;
  disabled: boolean;
  value: unknown;
  onChange: (v: unknown) => void;
}

/**
 * A parameter no simpler field fits (a JSON Schema, a JWKS, headers): JSON text. Text that does not
 * parse is kept as the value, so the server's refusal names this field, and marked here at once.
 */
function JsonField({ value, onChange, error, ...rest }: JsonFieldProps) {
  const [text, setText] = useState(() => (value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value, null, 2)));
  const [parseError, setParseError] = useState<string | null>(null);
  return (
    <Textarea
      {...rest}
      autosize
      minRows={3}
      maxRows={16}
      ff="monospace"
      spellCheck={false}
      value={text}
      error={parseError ?? error}
      onChange={(e) => {
        const t = e.currentTarget.value;
        setText(t);
        if (t.trim() === '') {
          setParseError(null);
          onChange(undefined);
          return;
        }
        try {
          onChange(JSON.parse(t));
          setParseError(null);
        } catch (err) {
          setParseError(`Not valid JSON yet: ${err instanceof Error ? err.message : String(err)}`);
          onChange(t);
        }
      }}
    />
  );
}
