import type {
  Appointment,
  AppointmentService,
  CheckInResult,
  ExpiringWithoutAppointment,
  OutboxMail,
  PowChallenge,
  PublicAppointment,
  PublicAppointmentService,
  PublicBookingResult,
  SlotList,
  StaffSchedule,
} from '@lotse/common';
import { api } from '../../api/client';
import { solveProof } from './solve';

export type {
  Appointment,
  AppointmentService,
  ExpiringWithoutAppointment as PriorityList,
  OutboxMail,
  PublicAppointment,
  PublicAppointmentService,
  SlotList,
  StaffSchedule,
};

/** The local day (Europe/Berlin) of now plus some days, YYYY-MM-DD. */
export function berlinDay(plusDays = 0): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(Date.now() + plusDays * 86_400_000));
}

export const slotsPath = (serviceId: string, day: string) =>
  `/api/appointments/slots?serviceId=${serviceId}&from=${day}&to=${day}`;

export const appointmentsApi = {
  book: (body: object) => api.post<Appointment>('/api/appointments', body),
  cancel: (id: string) => api.post<Appointment>(`/api/appointments/${id}/cancel`, { reason: '' }),
  rebook: (id: string, startsAt: string) =>
    api.post<Appointment>(`/api/appointments/${id}/rebook`, { startsAt }),
  checkIn: (id: string) => api.post<CheckInResult>(`/api/appointments/${id}/check-in`),
  createService: (body: object) => api.post<AppointmentService>('/api/appointments/services', body),
  updateService: (id: string, body: object) =>
    api.put<AppointmentService>(`/api/appointments/services/${id}`, body),
  saveSchedule: (staffId: string, body: object) =>
    api.put<StaffSchedule>(`/api/appointments/schedules/${staffId}`, body),
  addAbsence: (staffId: string, body: object) =>
    api.post<StaffSchedule>(`/api/appointments/schedules/${staffId}/absences`, body),
  deleteAbsence: (id: string) => api.delete<null>(`/api/appointments/absences/${id}`),
  /** Solves a fresh proof of work (in a worker), then books online. */
  bookPublic: async (body: object) => {
    const challenge = await api.get<PowChallenge>('/api/appointments/public/challenge');
    const proof = await solveProof(challenge);
    return api.post<PublicBookingResult>('/api/appointments/public', { ...body, proof });
  },
  show: (token: string) => api.get<PublicAppointment>(`/api/appointments/public/${token}`),
  confirm: (token: string) => api.post<PublicAppointment>(`/api/appointments/public/${token}/confirm`),
  cancelByLink: (token: string) => api.post<PublicAppointment>(`/api/appointments/public/${token}/cancel`),
  rebookByLink: (token: string, startsAt: string) =>
    api.post<PublicAppointment>(`/api/appointments/public/${token}/rebook`, { startsAt }),
};
