import type { Clock } from '../../lib/clock.js';
import type { UnitOfWork } from '../../usecases/ports.js';

type Kind = 'person' | 'unit' | 'village';

/**
 * Display names of people, units and villages, kept in memory for a short while: every case
 * card shows several, and a township has a few hundred at most. An id missing from the
 * snapshot (someone added since) is read on its own, so a name is never wrongly absent; a
 * renamed person shows the old name until the snapshot expires.
 */
export class NameBook {
  private snapshot: { at: number; maps: Promise<Record<Kind, Map<string, string>>> } | null = null;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly ttlMs = 60_000,
  ) {}

  person(id: string | null): Promise<string | null> {
    return this.name('person', id);
  }

  unit(id: string | null): Promise<string | null> {
    return this.name('unit', id);
  }

  village(id: string | null): Promise<string | null> {
    return this.name('village', id);
  }

  private async name(kind: Kind, id: string | null): Promise<string | null> {
    if (!id) return null;
    const maps = await this.maps();
    const known = maps[kind].get(id);
    if (known !== undefined) return known;
    const found = await this.uow.read(async (repos) => (kind === 'person' ? repos.directory.person(id) : kind === 'unit' ? repos.directory.unit(id) : repos.directory.village(id)));
    if (found) maps[kind].set(id, found.name);
    return found?.name ?? null;
  }

  private maps(): Promise<Record<Kind, Map<string, string>>> {
    const now = this.clock.now().getTime();
    if (!this.snapshot || now - this.snapshot.at >= this.ttlMs || now < this.snapshot.at) {
      const maps = this.uow.read(async (repos) => {
        const all = await repos.directory.names();
        const index = (rows: { id: string; name: string }[]) => new Map(rows.map((r) => [r.id, r.name]));
        return { person: index(all.people), unit: index(all.units), village: index(all.villages) };
      });
      // A failed load is not kept: the next card tries again.
      maps.catch(() => {
        if (this.snapshot?.maps === maps) this.snapshot = null;
      });
      this.snapshot = { at: now, maps };
    }
    return this.snapshot.maps;
  }
}
