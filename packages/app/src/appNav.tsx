import { Sidebar, SidebarItem } from '@backstage/core-components';
import { NavContentBlueprint } from '@backstage/plugin-app-react';
import { NotificationsSidebarItem } from '@backstage/plugin-notifications';

/**
 * The app's nav with the notifications entry drawn by the notifications plugin's own item,
 * which shows the unread count as a badge (the plugin's page alone gives a plain nav item).
 */
export const appNavWithNotifications = NavContentBlueprint.make({
  params: {
    component: ({ navItems }) => {
      const notifications = navItems.take('page:notifications');
      return (
        <Sidebar>
          {navItems.rest().map(item => (
            <SidebarItem
              key={item.node.spec.id}
              to={item.href}
              icon={() => item.icon}
              text={item.title}
            />
          ))}
          {notifications && (
            <NotificationsSidebarItem text={notifications.title} />
          )}
        </Sidebar>
      );
    },
  },
});
