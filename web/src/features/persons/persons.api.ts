import type { z } from 'zod';
import type {
  BenefitInput,
  HouseholdInput,
  IdentifierInput,
  Person,
  PersonChange,
  PersonCreate,
  PersonNoteInput,
  PersonUpdate,
  RelationInput,
  ResidenceInput,
  SearchResult,
} from '@lotse/common';
import { api } from '../../api/client';

export type PersonChangeEntry = z.infer<typeof PersonChange>;
export type SearchAnswer = z.infer<typeof SearchResult>;

const person = (id: string) => `/api/persons/${encodeURIComponent(id)}`;

export const personsApi = {
  search: (q: string, limit = 20) =>
    api.get<SearchAnswer>(`/api/persons/search?${new URLSearchParams({ q, limit: String(limit) })}`),
  create: (body: PersonCreate) => api.post<Person>('/api/persons', body),
  get: (id: string) => api.get<Person>(person(id)),
  update: (id: string, body: PersonUpdate) => api.patch<Person>(person(id), body),
  history: (id: string) => api.get<PersonChangeEntry[]>(`${person(id)}/history`),
  addIdentifier: (id: string, body: IdentifierInput) => api.post<Person>(`${person(id)}/identifiers`, body),
  removeIdentifier: (id: string, identifierId: string) =>
    api.delete<void>(`${person(id)}/identifiers/${encodeURIComponent(identifierId)}`),
  addResidence: (id: string, body: ResidenceInput) => api.post<unknown>(`${person(id)}/residence`, body),
  addBenefit: (id: string, body: BenefitInput) => api.post<unknown>(`${person(id)}/benefits`, body),
  addNote: (id: string, body: PersonNoteInput) => api.post<Person>(`${person(id)}/notes`, body),
  addRelation: (id: string, body: z.input<typeof RelationInput>) =>
    api.post<unknown>(`${person(id)}/relations`, body),
  createHousehold: (body: z.input<typeof HouseholdInput>) => api.post<unknown>('/api/households', body),
  undoMerge: (mergeId: string) => api.post<void>(`/api/merges/${encodeURIComponent(mergeId)}/undo`),
};
