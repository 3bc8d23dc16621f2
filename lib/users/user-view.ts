import type { User } from "../generated/prisma/client";

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: string;
  createdAt: string;
  activeTokens: number;
}

export function toUserView(u: User, activeTokens = 0): UserView {
  return { id: u.id, email: u.email, name: u.name, role: u.role, createdAt: u.createdAt.toISOString(), activeTokens };
}
