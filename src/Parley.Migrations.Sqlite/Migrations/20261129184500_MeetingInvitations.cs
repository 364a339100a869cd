using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MeetingInvitations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MeetingInvitations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeetingId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganisationCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    InvitedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    InvitedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingInvitations", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MeetingInvitations_MeetingId_OrganisationCode",
                table: "MeetingInvitations",
                columns: new[] { "MeetingId", "OrganisationCode" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MeetingInvitations");
        }
    }
}
