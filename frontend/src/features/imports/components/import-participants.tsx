// Importing an existing participant list (issue 15): who is in it, the file, then at once a dry run (which column
// fills which field, how many rows can be imported, every problem by row and column, in the words the server
// chose in her language), then how these people gave their consent and the import of every valid row. Nothing is
// stored before she presses Import; the server never keeps the file, so the page keeps it and sends it again.
import { Alert, Anchor, Button, FileInput, Group, List, Loader, Radio, Stack, Text, Title } from '@mantine/core';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/errors';
import { mapApiErrors } from '@/components/form-errors';
import { isolate } from '@/components/local-text';
import { Link } from '@/lib/router';
import {
  type ColumnMapping,
  type ConsentMethod,
  type ImportReport,
  type ParticipantRole,
  useImportCheck,
  useImportParticipants,
} from '../api/import-participants';
import { ColumnsTable } from './columns-table';
import { ProblemsTable } from './problems-table';

const CONSENT_METHODS: ConsentMethod[] = ['verbal', 'paper_form', 'interpreter'];
const ROLES_BY_KIND: Record<string, ParticipantRole[]> = {
  mentoring: ['mentee', 'mentor', 'employer'],
  peer_network: ['frontline_worker'],
};
const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The server's limit (imports/reading.py): a larger file is refused here, before it is sent. */
const MAX_BYTES = 10 * 1024 * 1024;

/** The roles a programme of this kind takes participants as. */
export function rolesForKind(kind: string): ParticipantRole[] {
  return ROLES_BY_KIND[kind] ?? [];
}

/** Where the people just imported are seen on the programme's page. */
function participantsLink(programmeId: string, role: ParticipantRole): string {
  if (role === 'mentee') return `/coordinator/${programmeId}?tab=waiting`;
  if (role === 'mentor' || role === 'employer') return `/coordinator/${programmeId}?tab=verify`;
  return `/coordinator/${programmeId}`;
}

function mappingOf(report: ImportReport): ColumnMapping {
  return Object.fromEntries(report.columns.map((column) => [column.header, column.field]));
}

/** The server's words for a refused request: those about one field by that field, the rest together. */
function errorWords(error: unknown, fieldFor: (attr: string) => string | null, fallback: string) {
  if (!(error instanceof ApiError)) return { fields: {} as Record<string, string>, general: [fallback] };
  const mapped = mapApiErrors(error, fieldFor);
  return { fields: mapped.fields, general: mapped.general.length || Object.keys(mapped.fields).length ? mapped.general : [fallback] };
}

function ErrorList({ messages }: { messages: string[] }) {
  const { t } = useTranslation();
  if (messages.length === 0) return null;
  return (
    <Alert color="red.9" role="alert" title={t('common.errorsTitle')}>
      {messages.map((message) => (
        <Text key={message} size="sm">
          {message}
        </Text>
      ))}
    </Alert>
  );
}

function ImportDone({
  programmeId,
  role,
  method,
  report,
  onAnother,
}: {
  programmeId: string;
  role: ParticipantRole;
  method: ConsentMethod;
  report: ImportReport;
  onAnother: () => void;
}) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const withoutEmail = report.imported - report.joined - report.invited;
  const left = report.rows - report.imported;
  return (
    <Stack>
      <Alert color="green.9" role="status">
        <Title order={2} size="h4" ref={heading} tabIndex={-1}>
          {t('imports.done.title', { count: report.imported })}
        </Title>
      </Alert>
      <List spacing="xs">
        {report.joined > 0 && <List.Item>{t('imports.done.joined', { count: report.joined })}</List.Item>}
        {report.invited > 0 && <List.Item>{t('imports.done.invited', { count: report.invited })}</List.Item>}
        {withoutEmail > 0 && <List.Item>{t('imports.done.noEmail', { count: withoutEmail })}</List.Item>}
        <List.Item>{t('imports.done.consent', { method: t(`imports.consent.methods.${method}`) })}</List.Item>
        {role !== 'mentee' && role !== 'frontline_worker' && <List.Item>{t('imports.done.verify')}</List.Item>}
        {left > 0 && <List.Item>{t('imports.done.left', { count: left })}</List.Item>}
      </List>
      <Group>
        <Button component={Link} to={participantsLink(programmeId, role)}>
          {t(`imports.done.see.${role}`)}
        </Button>
        <Button variant="outline" onClick={onAnother}>
          {t('imports.done.another')}
        </Button>
      </Group>
    </Stack>
  );
}

export function ImportParticipants({ programmeId, programmeName, kind }: { programmeId: string; programmeName: string; kind: string }) {
  const { t } = useTranslation();
  const roles = rolesForKind(kind);
  const [role, setRole] = useState<ParticipantRole | null>(roles.length === 1 ? (roles[0] ?? null) : null);
  const [chosen, setChosen] = useState<{ file: File; id: number } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping | null>(null);
  const [method, setMethod] = useState<ConsentMethod | ''>('');
  const [methodError, setMethodError] = useState<string | null>(null);
  const [importErrors, setImportErrors] = useState<string[]>([]);
  const [done, setDone] = useState<{ report: ImportReport; role: ParticipantRole; method: ConsentMethod } | null>(null);
  const files = useRef(0);
  const lastGood = useRef<{ fileId: number; role: ParticipantRole; report: ImportReport } | null>(null);
  const methodGroup = useRef<HTMLDivElement>(null);
  const reasonId = useId();

  const check = useImportCheck(programmeId, chosen && role ? { file: chosen.file, fileId: chosen.id, role, mapping } : null);
  const importer = useImportParticipants(programmeId);

  useEffect(() => {
    if (check.data && !check.isPlaceholderData && chosen && role) lastGood.current = { fileId: chosen.id, role, report: check.data };
  }, [check.data, check.isPlaceholderData, chosen, role]);

  // After a refused change of columns, the last answer for this file stays on screen, so she can choose again.
  const kept = lastGood.current;
  const report =
    check.data ?? (check.isError && kept && chosen && kept.fileId === chosen.id && kept.role === role ? kept.report : undefined);
  const checkErrors = check.isError ? errorWords(check.error, (attr) => (attr === 'file' ? 'file' : null), t('common.error')) : null;
  const checking = check.isFetching;

  const reset = () => {
    setMapping(null);
    setImportErrors([]);
    setMethodError(null);
    importer.reset();
  };

  const chooseFile = (file: File | null) => {
    reset();
    setFileError(null);
    if (file && file.size > MAX_BYTES) {
      setChosen(null);
      setFileError(t('imports.file.tooLarge'));
      return;
    }
    files.current += 1;
    setChosen(file ? { file, id: files.current } : null);
  };

  const chooseField = (header: string, field: string) => {
    if (!report) return;
    const next = { ...(mapping ?? mappingOf(report)) };
    // A field is filled from one column: choosing it here takes it from the column that had it.
    if (field) for (const [other, key] of Object.entries(next)) if (key === field && other !== header) next[other] = '';
    next[header] = field;
    setMapping(next);
  };

  const wholeFile = report?.problems.some((problem) => problem.row === null) ?? false;
  const blocked = report ? (wholeFile ? t('imports.importBlocked.wholeFile') : report.valid === 0 ? t('imports.importBlocked.noRow') : null) : null;

  const submit = () => {
    if (!report || !chosen || !role) return;
    if (!method) {
      setMethodError(t('imports.consent.required'));
      methodGroup.current?.querySelector<HTMLInputElement>('input[type="radio"]')?.focus();
      return;
    }
    setImportErrors([]);
    setMethodError(null);
    importer.mutate(
      { file: chosen.file, role, mapping: mapping ?? mappingOf(report), consentMethod: method },
      {
        onSuccess: (answer) => setDone({ report: answer, role, method }),
        onError: (error) => {
          const words = errorWords(error, (attr) => (attr === 'consent_method' ? 'method' : null), t('common.error'));
          setMethodError(words.fields.method ?? null);
          setImportErrors(words.general);
        },
      },
    );
  };

  const title = (
    <Title order={1} size="h2">
      {t('imports.title', { programme: isolate(programmeName) })}
    </Title>
  );
  const back = (
    <Anchor component={Link} to={`/coordinator/${programmeId}`} w="fit-content">
      {t('imports.back')}
    </Anchor>
  );

  if (done)
    return (
      <Stack>
        {back}
        {title}
        <ImportDone
          programmeId={programmeId}
          role={done.role}
          method={done.method}
          report={done.report}
          onAnother={() => {
            reset();
            setDone(null);
            setChosen(null);
            setMethod('');
          }}
        />
      </Stack>
    );

  return (
    <Stack gap="lg">
      {back}
      {title}
      <Text>{t('imports.intro')}</Text>

      <Radio.Group
        label={t('imports.role.label')}
        required
        value={role ?? ''}
        onChange={(value) => {
          reset();
          setRole(value as ParticipantRole);
        }}
      >
        <Group gap="md" mt="xs">
          {roles.map((name) => (
            <Radio key={name} value={name} label={t(`imports.role.${name}`)} />
          ))}
        </Group>
      </Radio.Group>

      <FileInput
        label={t('imports.file.label')}
        description={t('imports.file.hint')}
        placeholder={t('imports.file.placeholder')}
        accept={ACCEPT}
        clearable
        clearButtonProps={{ 'aria-label': t('imports.file.clear') }}
        value={chosen?.file ?? null}
        onChange={chooseFile}
        error={fileError ?? checkErrors?.fields.file}
        maw={480}
      />

      <div role="status" aria-live="polite">
        {chosen && !role && <Text>{t('imports.role.first')}</Text>}
        {checking && (
          <Group gap="xs">
            <Loader size="xs" aria-hidden />
            <Text>{t('imports.checking')}</Text>
          </Group>
        )}
        {report && !checking && (
          <Stack gap={4}>
            <Text fw={700} size="lg">
              {report.rows === 0 ? t('imports.summary.noRows') : t('imports.summary.valid', { count: report.rows, valid: report.valid })}
            </Text>
            <Text>{report.problems.length === 0 ? t('imports.summary.noProblems') : t('imports.summary.problems', { count: report.problems.length })}</Text>
          </Stack>
        )}
      </div>
      {checkErrors && <ErrorList messages={checkErrors.general} />}

      {report && (
        <>
          <Stack gap="sm">
            <Title order={2} size="h3">
              {t('imports.columns.title')}
            </Title>
            <Text size="sm">{t('imports.columns.intro')}</Text>
            <ColumnsTable report={report} mapping={mapping} onChange={chooseField} disabled={importer.isPending} />
          </Stack>

          {report.problems.length > 0 && (
            <Stack gap="sm">
              <Title order={2} size="h3">
                {t('imports.problems.title')}
              </Title>
              <Text size="sm">{t('imports.problems.intro')}</Text>
              <ProblemsTable problems={report.problems} fields={report.fields} />
            </Stack>
          )}

          <Stack gap="sm">
            <Title order={2} size="h3">
              {t('imports.consent.title')}
            </Title>
            <Text size="sm">{t('imports.consent.intro')}</Text>
            <Radio.Group
              ref={methodGroup}
              label={t('imports.consent.method')}
              required
              value={method}
              onChange={(value) => {
                setMethod(value as ConsentMethod);
                setMethodError(null);
              }}
              error={methodError}
            >
              <Stack gap="xs" mt="xs">
                {CONSENT_METHODS.map((name) => (
                  <Radio key={name} value={name} label={t(`imports.consent.methods.${name}`)} />
                ))}
              </Stack>
            </Radio.Group>
            <ErrorList messages={importErrors} />
            <Group gap="sm" align="center">
              <Button
                onClick={submit}
                loading={importer.isPending}
                disabled={checking || blocked !== null}
                aria-describedby={blocked ? reasonId : undefined}
              >
                {t('imports.submit', { count: report.valid })}
              </Button>
              {blocked && (
                <Text id={reasonId} size="sm" c="dark.7">
                  {blocked}
                </Text>
              )}
            </Group>
          </Stack>
        </>
      )}
    </Stack>
  );
}
