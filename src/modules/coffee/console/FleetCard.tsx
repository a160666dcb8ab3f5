import { FleetCard } from './FleetPage.tsx';

export default FleetCard;
