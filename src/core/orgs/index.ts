export {
  createOrganization,
  findOrganizationBySlug,
  getOrganization,
  listOrganizations,
  type Organization,
  type OrganizationInput,
  updateOrganization,
} from './organizations.ts';
export { orgRoutes } from './orgs.routes.ts';
