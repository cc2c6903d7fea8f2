import type { CounterState, Ticket } from '@lotse/common';
import { api } from '../../api/client';

/** The staff calls of the queue that change something (reads go through useApi). */
export const queueApi = {
  callNext: (counterId: string) => api.post<Ticket>(`/api/queue/counters/${counterId}/call-next`),
  callNumber: (counterId: string, number: string) =>
    api.post<Ticket>(`/api/queue/counters/${counterId}/call`, { number }),
  occupy: (counterId: string, occupy: boolean) =>
    api.post<CounterState>(`/api/queue/counters/${counterId}/${occupy ? 'occupy' : 'leave'}`),
  act: (ticketId: string, action: 'recall' | 'start' | 'done' | 'no-show' | 'park') =>
    api.post<Ticket>(`/api/queue/tickets/${ticketId}/${action}`),
  forward: (ticketId: string, serviceId: string) =>
    api.post<Ticket>(`/api/queue/tickets/${ticketId}/forward`, { serviceId }),
  stop: (serviceId: string, stopped: boolean) =>
    api.post(`/api/queue/services/${serviceId}/stop`, { stopped }),
};
