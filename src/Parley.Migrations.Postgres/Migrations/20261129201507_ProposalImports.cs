using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Parley.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ProposalImports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ImportId",
                table: "Proposals",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ProposalImports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    VersionId = table.Column<int>(type: "integer", nullable: false),
                    StateIso3 = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    SponsorCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SponsorIsGroup = table.Column<bool>(type: "boolean", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Compared = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Report = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProposalImports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProposalImports_TextVersions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "TextVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_ImportId",
                table: "Proposals",
                column: "ImportId");

            migrationBuilder.CreateIndex(
                name: "IX_ProposalImports_VersionId_StateIso3",
                table: "ProposalImports",
                columns: new[] { "VersionId", "StateIso3" });

            migrationBuilder.AddForeignKey(
                name: "FK_Proposals_ProposalImports_ImportId",
                table: "Proposals",
                column: "ImportId",
                principalTable: "ProposalImports",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Proposals_ProposalImports_ImportId",
                table: "Proposals");

            migrationBuilder.DropTable(
                name: "ProposalImports");

            migrationBuilder.DropIndex(
                name: "IX_Proposals_ImportId",
                table: "Proposals");

            migrationBuilder.DropColumn(
                name: "ImportId",
                table: "Proposals");
        }
    }
}
