import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JobFamily } from '@/lib/reference';
import { renderWithProviders } from '@/test/render';
import { familiesMatching, fold, SectorPicker } from './sector-picker';

const families: JobFamily[] = [
  { code: 'health', label: 'الصحة والطب', keywords: ['تمريض', 'ممرضة', 'Health and medicine', 'nurse'], divisions: ['86'] },
  { code: 'care', label: 'الرعاية والعمل الاجتماعي', keywords: ['رعاية المسنين', 'Care and social work'], divisions: ['87', '88'] },
  { code: 'it', label: 'IT und Software', keywords: ['Programmiererin', 'Entwicklerin'], divisions: ['62'] },
  { code: 'creative', label: 'Médias, arts, design et traduction', keywords: ['traductrice', 'interprète'], divisions: ['74'] },
];

describe('finding a job family', () => {
  it('ignores case, accents and Arabic vowel marks', () => {
    expect(fold('Interprète', 'fr')).toBe('interprete');
    expect(fold('تَمْرِيض', 'ar')).toBe('تمريض');
    expect(familiesMatching(families, 'INTERPRETE', 'fr').map((f) => f.code)).toEqual(['creative']);
    expect(familiesMatching(families, 'تَمْرِيض', 'ar').map((f) => f.code)).toEqual(['health']);
  });

  it('finds a family by an English word in another language, and all of them for an empty search', () => {
    expect(familiesMatching(families, 'nurse', 'ar').map((f) => f.code)).toEqual(['health']);
    expect(familiesMatching(families, '  ', 'ar')).toHaveLength(4);
    expect(familiesMatching(families, 'welding', 'en')).toEqual([]);
  });
});

describe('SectorPicker', () => {
  afterEach(() => vi.unstubAllGlobals());

  function Picker() {
    const [value, setValue] = useState<string[]>([]);
    return (
      <>
        <SectorPicker label="Work areas" value={value} onChange={setValue} />
        <output>{value.join(',')}</output>
      </>
    );
  }

  it('shows the families, narrows them as she types and keeps her choice in view', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Response.json(families)));
    renderWithProviders(<Picker />);
    expect(await screen.findAllByRole('checkbox')).toHaveLength(4);
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search the work areas' }), 'nurse');
    expect(screen.getAllByRole('checkbox')).toHaveLength(1);
    await userEvent.click(screen.getByRole('checkbox', { name: 'الصحة والطب' }));
    await userEvent.clear(screen.getByRole('searchbox'));
    await userEvent.type(screen.getByRole('searchbox'), 'welding');
    expect(screen.getByText('Nothing found for “welding”. Try another word, or choose from the list.')).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'الصحة والطب' })).toBeChecked();
    expect(screen.getByText('health', { selector: 'output' })).toBeInTheDocument();
  });
});
