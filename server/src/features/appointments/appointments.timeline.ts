import type { TimelineEntry } from '@lotse/common';
import type { Database } from '../../db/database';
import { visibleItems } from '../access/access.service';
import type { Actor } from '../auth/actor';
import * as repo from './appointments.repo';

/**
 * The person's timeline source "appointment": the person's appointments. An appointment with an agency is that
 * agency's contact data: shown where the caller may see the agency's identity and contact data of the person.
 */
export async function appointmentTimeline(
  db: Database,
  actor: Actor,
  personId: string,
): Promise<TimelineEntry[]> {
  return db.tenant(actor.municipalityId, async (tx) => {
    const rows = await repo.appointmentsOfPerson(tx, personId);
    const items = rows.map((r) => ({
      holding: { category: 'identity_contact' as const, agencyId: r.agencyId },
      item: {
        at: new Date(r.at).toISOString(),
        source: 'appointment',
        kind: `appointment.${r.status}`,
        title: r.serviceName,
        agencyName: r.agencyName,
        link: null,
      },
    }));
    return visibleItems(tx, actor, personId, items, 'timeline.appointments');
  });
}
