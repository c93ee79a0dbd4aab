// Run Python against the e2e backend's own database (its var dir is written by e2e/start-backend.sh), for the
// few steps a browser cannot take, such as letting time pass before the scheduled work runs.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, test } from '@playwright/test';

export function runInBackend(python: string, env: Record<string, string> = {}): string {
  const port = process.env.E2E_PORT ?? '8010';
  const varDir = readFileSync(join(tmpdir(), `bridges-e2e-${port}.var`), 'utf8').trim();
  const backend = join(dirname(test.info().config.configFile ?? join(process.cwd(), 'playwright.config.ts')), '..', 'backend');
  const { DATABASE_URL: _db, CELERY_BROKER_URL: _broker, REDIS_URL: _redis, ...rest } = process.env;
  return execFileSync('../.venv/bin/python', ['manage.py', 'shell', '-c', python], {
    cwd: backend,
    env: { ...rest, ...env, BRIDGES_VAR_DIR: varDir },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
  });
}

/** A calendar invitation the backend emailed (start-backend.sh writes every email to a file), as icalendar reads it. */
export type Invitation = { subject: string; body: string; method: string; tzid: string; start: string; location: string; attendee: string };

/** The calendar invitations sent to one address so far, oldest first, parsed with the icalendar library. */
export function invitationsTo(address: string): Invitation[] {
  const output = runInBackend(`
import email, json, os
from email import policy
from pathlib import Path
from icalendar import Calendar
folder, found = Path(os.environ["BRIDGES_VAR_DIR"]) / "mail", []
for path in sorted(folder.glob("*.log"), key=lambda p: p.stat().st_mtime) if folder.exists() else []:
    # Bytes, not text: a payload parsed from a str with non-ASCII in it decodes to escapes, not to its characters.
    for raw in path.read_bytes().split(b"\\n" + b"-" * 79 + b"\\n"):
        if not raw.strip():
            continue
        message = email.message_from_bytes(raw.strip(), policy=policy.default)
        if ${JSON.stringify(address)} not in str(message["To"]):
            continue
        for part in message.walk():
            if part.get_content_type() == "text/calendar":
                calendar = Calendar.from_ical(part.get_payload(decode=True))
                [event] = calendar.walk("VEVENT")
                found.append({
                    "subject": str(message["Subject"]),
                    "body": message.get_body(("plain",)).get_content(),
                    "method": str(calendar["method"]),
                    "tzid": event["dtstart"].params.get("TZID", ""),
                    "start": event.decoded("dtstart").isoformat(),
                    "location": str(event.get("location", "")),
                    "attendee": str(event["attendee"]),
                })
print("INVITATIONS " + json.dumps(found))
`);
  const line = output.trim().split('\n').findLast((text) => text.startsWith('INVITATIONS '));
  return JSON.parse(line!.slice('INVITATIONS '.length)) as Invitation[];
}

/** A plain email the backend sent (start-backend.sh writes every email to a file). */
export type Email = { subject: string; body: string };

/** The plain emails sent to one address so far, oldest first. */
export function emailsTo(address: string): Email[] {
  const output = runInBackend(`
import email, json, os
from email import policy
from pathlib import Path
folder, found = Path(os.environ["BRIDGES_VAR_DIR"]) / "mail", []
for path in sorted(folder.glob("*.log"), key=lambda p: p.stat().st_mtime) if folder.exists() else []:
    for raw in path.read_bytes().split(b"\\n" + b"-" * 79 + b"\\n"):
        if not raw.strip():
            continue
        message = email.message_from_bytes(raw.strip(), policy=policy.default)
        if ${JSON.stringify(address)} in str(message["To"]):
            found.append({"subject": str(message["Subject"]), "body": message.get_body(("plain",)).get_content()})
print("EMAILS " + json.dumps(found))
`);
  const line = output.trim().split('\n').findLast((text) => text.startsWith('EMAILS '));
  return JSON.parse(line!.slice('EMAILS '.length)) as Email[];
}

/** The path of the invitation link (/invitations/<token>) in the last email to ``address``, once it has come. */
export async function invitationLinkTo(address: string): Promise<string> {
  let path = '';
  await expect
    .poll(() => {
      path = emailsTo(address).at(-1)?.body.match(/https?:\/\/[^\s]+(\/invitations\/[0-9a-f]{64})/)?.[1] ?? '';
      return path;
    })
    .not.toBe('');
  return path;
}
