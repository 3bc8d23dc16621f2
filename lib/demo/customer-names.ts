/** Realistic (fictional) customer names for the demo fleet. */
export const CUSTOMER_NAMES = [
  "Acme Corporation", "Globex", "Initech", "Umbrella Health", "Hooli", "Stark Industries", "Wayne Enterprises",
  "Cyberdyne Systems", "Soylent Foods", "Tyrell Corporation", "Wonka Industries", "Aperture Science", "Black Mesa",
  "Massive Dynamic", "Oscorp", "Vandelay Industries", "Pied Piper", "Dunder Mifflin", "Prestige Worldwide",
  "Gringotts Bank", "Monsters Inc", "Nakatomi Trading", "Oceanic Airlines", "Planet Express", "Sterling Cooper",
  "Virtucon", "Weyland-Yutani", "Yoyodyne", "Zorg Industries", "Blue Sun", "Buy n Large", "Cogswell Cogs",
  "Duff Brewing", "Ewing Oil", "Gekko and Co", "Krusty Krab", "Los Pollos Hermanos", "Mooby Foods", "Nordic Freight",
  "Olivia Pharma", "Pendant Publishing", "Quartz Analytics", "Rekall", "Sirius Cybernetics", "Tessier-Ashpool",
  "Ubiquiti Logistics", "Veridian Dynamics", "Western Larch Bank", "Xanadu Retail", "Yamato Robotics", "Zenith Mutual",
  "Arbor Payments", "Bluth Company", "Contoso", "Fabrikam", "Northwind Traders", "Tailspin Toys", "Woodgrove Bank",
  "Litware", "Proseware", "Adventure Works", "Lamna Healthcare", "Alpine Ski House", "Coho Winery", "Fourth Coffee",
];

export const REGIONAL_SUFFIXES = ["", " EU", " APAC", " US", " Staging", " Research", " Labs", " Cloud", " Gov", " Canada"];
