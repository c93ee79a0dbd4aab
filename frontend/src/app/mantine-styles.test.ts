// Every Mantine component the app imports has its styles in mantine-styles.ts (with the building blocks it is made
// of), so that trimming Mantine's CSS never leaves a component unstyled.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(process.cwd(), 'src'); // vitest runs in frontend/
const STYLES = join(process.cwd(), 'node_modules/@mantine/core/styles');

// Mantine exports without a stylesheet of their own: what they are built on (or nothing to style).
const BUILT_ON: Record<string, string[]> = {
  Box: [],
  MantineProvider: ['baseline', 'default-css-variables', 'global'],
  DirectionProvider: [],
  createTheme: [],
  useDirection: [],
  TextInput: ['Input'],
  FileInput: ['Input', 'CloseButton'],
  Textarea: ['Input'],
  NativeSelect: ['Input', 'Combobox'],
  Select: ['Input', 'Combobox', 'Popover', 'ScrollArea'],
  MultiSelect: ['Input', 'Combobox', 'Popover', 'Pill', 'PillsInput', 'ScrollArea'],
  Checkbox: ['InlineInput', 'CheckboxIndicator'],
  Radio: ['InlineInput'],
  Switch: ['InlineInput'],
  Modal: ['ModalBase', 'Overlay', 'CloseButton', 'Paper'],
  Alert: ['CloseButton'],
  Button: ['UnstyledButton', 'Loader'],
  Card: ['Paper'],
  Tabs: ['UnstyledButton'],
  Pagination: ['UnstyledButton'],
  PasswordInput: ['Input', 'ActionIcon'],
  NumberInput: ['Input'],
  Anchor: ['Text'],
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

function mantineImports(): Set<string> {
  const names = new Set<string>();
  for (const file of sources(SRC)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/import\s*\{([^}]*)\}\s*from\s*'@mantine\/core'/g)) {
      for (const part of match[1]!.split(',')) {
        const name = part.trim().split(/\s+as\s+/)[0]!;
        if (name && !name.startsWith('type ')) names.add(name);
      }
    }
  }
  return names;
}

const imported = [...readFileSync(join(SRC, 'app/mantine-styles.ts'), 'utf8').matchAll(/import '@mantine\/core\/styles\/([^']+)\.css';/g)].map(
  (match) => match[1]!,
);

describe("the app's Mantine styles", () => {
  it('start with the global styles, and name only files Mantine has', () => {
    expect(imported.slice(0, 3)).toEqual(['baseline', 'default-css-variables', 'global']);
    expect(imported.filter((name) => !existsSync(join(STYLES, `${name}.css`)))).toEqual([]);
    expect(new Set(imported).size).toBe(imported.length);
  });

  it('cover every Mantine component the app imports, and what it is built on', () => {
    const missing: string[] = [];
    for (const name of mantineImports()) {
      const own = existsSync(join(STYLES, `${name}.css`)) ? [name] : [];
      const needed = [...own, ...(BUILT_ON[name] ?? [])];
      if (!own.length && !(name in BUILT_ON)) missing.push(`${name}: no stylesheet of its own; say in BUILT_ON what it is built on`);
      for (const file of needed) if (!imported.includes(file)) missing.push(`${name} needs ${file}.css in src/app/mantine-styles.ts`);
    }
    expect(missing).toEqual([]);
  });
});
