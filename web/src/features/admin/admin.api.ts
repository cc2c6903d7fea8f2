import type { Agency, AgencyInput, Site, SiteInput, Staff, StaffCreate, StaffUpdate } from '@lotse/common';
import { api } from '../../api/client';

export const adminApi = {
  createSite: (body: SiteInput) => api.post<Site>('/api/admin/sites', body),
  updateSite: (id: string, body: SiteInput) =>
    api.put<Site>(`/api/admin/sites/${encodeURIComponent(id)}`, body),
  createAgency: (body: AgencyInput) => api.post<Agency>('/api/admin/agencies', body),
  updateAgency: (id: string, body: AgencyInput) =>
    api.put<Agency>(`/api/admin/agencies/${encodeURIComponent(id)}`, body),
  createStaff: (body: StaffCreate) => api.post<Staff>('/api/admin/staff', body),
  updateStaff: (id: string, body: StaffUpdate) =>
    api.patch<Staff>(`/api/admin/staff/${encodeURIComponent(id)}`, body),
};
